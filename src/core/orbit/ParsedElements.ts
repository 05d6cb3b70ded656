// What every element-file reader returns: the element sets it could read and one ZenithError per
// problem, so that a file with some bad records still yields its good ones.
import type { ZenithError } from '../errors/index.ts';
import type { ElementFormat, ElementSet } from './ElementSet.ts';

export interface ParseOptions {
  /** Named in every problem and in each element set's `source`. */
  readonly file?: string;
  /** 'verify' (default) drops a TLE record whose column-69 checksum is wrong and reports it. */
  readonly checksums?: 'verify' | 'ignore';
  /** 'verify' (default) drops records with values outside their physical range and reports them. */
  readonly ranges?: 'verify' | 'ignore';
}

export interface ParsedElements {
  readonly format: ElementFormat | 'unknown';
  readonly elements: ElementSet[];
  readonly problems: ZenithError[];
}
