/**
 * @fileoverview Position weights by hand: paths of one, two and three interactions for each model,
 * and one interaction holding several roles.
 */
import { describe, expect, it } from 'vitest';
import { positionWeights } from '../../src/engine/attribution/rule-based';
import type { Conversion } from '../../src/engine/attribution/conversions';
import type { AttributionModel } from '../../src/engine/attribution/catalog';

function conv(n: number, roles: Partial<Pick<Conversion, 'first' | 'contactCreation' | 'dealCreation' | 'closedWon' | 'last'>>, type: Conversion['type'] = 'contact create'): Conversion {
  return {
    type, key: 0, id: 'x', when: 0, value: 1, contacts: [0], path: Int32Array.from({ length: n }, (_, i) => i),
    first: n ? 0 : -1, last: n - 1, contactCreation: -1, dealCreation: -1, closedWon: -1, ...roles,
  };
}

const weights = (m: AttributionModel, c: Conversion) => Array.from(positionWeights(m, c));
const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
};

describe('position models on contact-create paths (contact creation = last)', () => {
  const cc = (n: number) => conv(n, { contactCreation: n - 1 });
  const table: Record<string, [number[], number[], number[]]> = {
    'First interaction': [[1], [1, 0], [1, 0, 0]],
    'Last interaction': [[1], [0, 1], [0, 0, 1]],
    Linear: [[1], [0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]],
    'U-shaped': [[1], [0.5, 0.5], [0.4, 0.2, 0.4]],
    'J-shaped': [[1], [0.25, 0.75], [0.2, 0.2, 0.6]],
    'Inverse J': [[1], [0.75, 0.25], [0.6, 0.2, 0.2]],
  };
  for (const [model, [one, two, three]] of Object.entries(table)) {
    it(`${model}: 1, 2 and 3 interactions`, () => {
      close(weights(model as AttributionModel, cc(1)), one);
      close(weights(model as AttributionModel, cc(2)), two);
      close(weights(model as AttributionModel, cc(3)), three);
    });
  }
});

describe('deal and revenue paths', () => {
  it('W-shaped: 1, 2 and 3 interactions with distinct roles', () => {
    close(weights('W-shaped', conv(1, { contactCreation: 0, dealCreation: 0 }, 'deal create')), [1]);
    // first 30, contact creation 30 on the first; deal creation 30 on the second; no others: 60/30 -> 2/3, 1/3
    close(weights('W-shaped', conv(2, { contactCreation: 0, dealCreation: 1 }, 'deal create')), [2 / 3, 1 / 3]);
    close(weights('W-shaped', conv(3, { contactCreation: 1, dealCreation: 2 }, 'deal create')), [1 / 3, 1 / 3, 1 / 3]);
  });
  it('W-shaped with an other interaction and an absent contact-creation role', () => {
    // first .3, deal creation .3 at index 2, others (1 and 3) .05 each; total .7
    close(weights('W-shaped', conv(4, { contactCreation: -1, dealCreation: 2 }, 'revenue')), [0.3 / 0.7, 0.05 / 0.7, 0.3 / 0.7, 0.05 / 0.7]);
  });
  it('Full path: one interaction holding several roles gets their sum, then scaling', () => {
    // index 0: first + contact creation = .45; index 1: deal creation .225; index 2: closed won .225; no others.
    close(weights('Full path', conv(3, { contactCreation: 0, dealCreation: 1, closedWon: 2 }, 'revenue')), [0.5, 0.25, 0.25]);
    close(weights('Full path', conv(4, { contactCreation: 1, dealCreation: 2, closedWon: 3 }, 'revenue')), [0.25, 0.25, 0.25, 0.25]);
    close(weights('Full path', conv(1, { contactCreation: 0, dealCreation: 0, closedWon: 0 }, 'revenue')), [1]);
    // 5 interactions: roles on 0,1,3,4 at .225; index 2 is the only other at .1.
    close(weights('Full path', conv(5, { contactCreation: 1, dealCreation: 3, closedWon: 4 }, 'revenue')), [0.225, 0.225, 0.1, 0.225, 0.225]);
  });
  it('U-shaped when the contact-creation anchor is also the first interaction', () => {
    // first + contact creation .8 on index 0; others .2 split over 1 and 2.
    close(weights('U-shaped', conv(3, { contactCreation: 0 }, 'revenue')), [0.8, 0.1, 0.1]);
  });
  it('an empty path has no weights', () => {
    expect(weights('U-shaped', conv(0, {}))).toEqual([]);
  });
});
