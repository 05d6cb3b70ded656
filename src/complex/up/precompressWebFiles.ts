// The web UI's text files compressed once, when the UI is built: NAME.br (brotli) and NAME.gz (gzip)
// beside each, which the API server's static files send to browsers that accept them
// (@fastify/static's preCompressed), so serving the UI costs no compression per request.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Files worth compressing: text the UI is made of. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;
/** Below this size the headers and the decoding cost more than the bytes saved. */
export const MIN_COMPRESS_BYTES = 1024;

export interface PrecompressSummary {
  readonly files: number;
  readonly bytes: number;
  readonly brotliBytes: number;
  readonly gzipBytes: number;
}

/** Writes NAME.br and NAME.gz beside every compressible file of `dir` (and its folders) of MIN_COMPRESS_BYTES or more. */
export function precompressWebFiles(dir: string): PrecompressSummary {
  let files = 0;
  let bytes = 0;
  let brotliBytes = 0;
  let gzipBytes = 0;
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (!COMPRESSIBLE.test(name)) continue;
      const data = readFileSync(path);
      if (data.length < MIN_COMPRESS_BYTES) continue;
      // Quality 9 of 11: within a few per cent of the smallest, in a tenth of the time.
      const br = brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
      });
      const gz = gzipSync(data, { level: 9 });
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gz);
      files++;
      bytes += data.length;
      brotliBytes += br.length;
      gzipBytes += gz.length;
    }
  };
  walk(dir);
  return { files, bytes, brotliBytes, gzipBytes };
}
