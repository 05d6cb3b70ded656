// Turns a frame taken off a link into the archive's FrameRecord: the link's name as source, its
// station, the spacecraft (the link's tag, or the owner of the frame's SCID, CCSDS 132.0-B-3
// §4.1.2.2.3) and quality flags for what the link could already see was odd.
import type { FrameRecord } from '../archive/index.ts';

/** Bits 0-7 of the quality flags come from the station front-end; these are set by Zenith. */
export const QUALITY_STATION_MASK = 0xff;
/** The frame's length differs from the link's configured frame length. */
export const QUALITY_UNEXPECTED_LENGTH = 0x100;
/** The frame's SCID belongs to no spacecraft of the mission (spacecraft named `scid-<n>`). */
export const QUALITY_UNKNOWN_SPACECRAFT = 0x200;
/** The link is tagged with one spacecraft but the frame's SCID is another's. */
export const QUALITY_SCID_MISMATCH = 0x400;

export interface FrameTagOptions {
  /** The link's name: the source of its frames in the archive. */
  readonly name: string;
  readonly station: string;
  /** Tag every frame with this spacecraft; otherwise each frame's SCID names it. */
  readonly spacecraft?: string;
  /** SCID (CCSDS spacecraft identifier) -> spacecraft name, from the mission. */
  readonly spacecraftIds?: ReadonlyMap<number, string>;
  /** The physical channel's frame length, when known: other lengths are flagged. */
  readonly frameLength?: number;
}

/** The SCID of a TM (version 1) frame: 10 bits after the 2-bit version (132.0-B-3 §4.1.2.2). */
export function frameScid(bytes: Uint8Array): number | null {
  if (bytes.length < 2) return null;
  return ((((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)) >>> 4) & 0x3ff;
}

export class FrameTagger {
  private readonly ownScid: number | undefined;

  constructor(readonly options: FrameTagOptions) {
    if (options.spacecraft !== undefined && options.spacecraftIds !== undefined) {
      for (const [scid, name] of options.spacecraftIds) if (name === options.spacecraft) this.ownScid = scid;
    }
  }

  tag(bytes: Uint8Array, receptionTimeMs: number, sequence: number, stationFlags = 0): FrameRecord {
    const o = this.options;
    let flags = stationFlags & QUALITY_STATION_MASK;
    if (o.frameLength !== undefined && bytes.length !== o.frameLength) flags |= QUALITY_UNEXPECTED_LENGTH;
    const scid = frameScid(bytes);
    let spacecraft: string;
    if (o.spacecraft !== undefined) {
      spacecraft = o.spacecraft;
      if (this.ownScid !== undefined && scid !== this.ownScid) flags |= QUALITY_SCID_MISMATCH;
    } else {
      const known = scid === null ? undefined : o.spacecraftIds?.get(scid);
      if (known === undefined) flags |= QUALITY_UNKNOWN_SPACECRAFT;
      spacecraft = known ?? (scid === null ? 'unknown' : `scid-${scid}`);
    }
    return { source: o.name, sequence, receptionTimeMs, station: o.station, spacecraft, qualityFlags: flags, bytes };
  }
}
