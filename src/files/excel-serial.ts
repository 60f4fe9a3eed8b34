/**
 * @fileoverview Excel's (and Sheets') date serials: days since 1899-12-30 of a wall-clock time,
 * held as the UTC fields of a `Date` (or its milliseconds), the convention the xlsx reader and
 * writer share. From March 1900 on, the serials agree with Excel's 1900 date system.
 */
import { DAY_MS } from '../engine/time/zone';

/** Day 0: 1899-12-30. */
export const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The serial of a wall-clock time given as milliseconds whose UTC fields are that time. */
export const wallClockSerial = (wallClockMs: number): number => (wallClockMs - SERIAL_EPOCH_MS) / DAY_MS;
