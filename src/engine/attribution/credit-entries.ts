/**
 * @fileoverview A conversion's credit as entries (touch, campaign, share): `CreditEntrySink` is
 * anything that takes them, `CreditEntries` the growable typed arrays that keep them for all of an
 * attribution's conversions, `CreditSplit` one conversion's entries read back.
 */

/** A conversion's credit as (touch, campaign, share) triples; shares are fractions of its value. */
export interface CreditSplit {
  /** Index into the conversion's path. */
  touch: Int32Array;
  /** Campaign index, or NO_CAMPAIGN_ENTRY. */
  campaign: Int32Array;
  share: Float64Array;
}

/** Takes credit entries; shares are fractions of the conversion's value. */
export interface CreditEntrySink {
  push(touch: number, campaign: number, share: number): void;
}

/** Credit entries in growable typed arrays shared by all of an attribution's conversions. */
export class CreditEntries implements CreditEntrySink {
  length = 0;
  touch = new Int32Array(1024);
  campaign = new Int32Array(1024);
  share = new Float64Array(1024);

  push(touch: number, campaign: number, share: number): void {
    if (this.length === this.share.length) this.grow();
    this.touch[this.length] = touch;
    this.campaign[this.length] = campaign;
    this.share[this.length++] = share;
  }

  private grow(): void {
    const size = this.share.length * 2;
    const t = new Int32Array(size), c = new Int32Array(size), s = new Float64Array(size);
    t.set(this.touch);
    c.set(this.campaign);
    s.set(this.share);
    this.touch = t;
    this.campaign = c;
    this.share = s;
  }
}
