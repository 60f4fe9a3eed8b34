/**
 * @fileoverview The Removal effects tab's journey counts: converting journeys are conversions'
 * paths, the others non-converting (a visitor callback reading the wrong argument once counted
 * every journey as converting).
 */
import { describe, expect, it } from 'vitest';
import { analysed, workbook } from '../helpers/workbooks';
import { journeyCounts } from '../../src/engine/attribution/data-driven';

describe('journey counts', () => {
  it('counts an anonymous visitor as a journey that does not convert', () => {
    const a = analysed(workbook({
      Campaigns: [{ 'Campaign ID': 'C1', Name: 'Spring' }],
      Contacts: [{ 'Contact ID': 'P1', 'Created at': '2026-03-05T10:00:00Z' }],
      Interactions: [
        { 'Interaction ID': 'I1', Timestamp: '2026-03-01T10:00:00Z', 'Contact ID': 'P1', Type: 'page view' },
        { 'Interaction ID': 'I2', Timestamp: '2026-03-02T10:00:00Z', 'Visitor ID': 'V9', Type: 'page view' },
      ],
    }));
    expect(journeyCounts(a, 'contact create')).toEqual({ journeys: 2, converting: 1 });
  });
});
