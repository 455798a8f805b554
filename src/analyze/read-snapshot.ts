import fs from 'node:fs';
import { COLLECTORS } from '../collect/registry';
import type { FactName, Snapshot } from '../model/facts';
import { InputError, parseInput } from '../model/input-error';
import { SNAPSHOT_SCHEMA, snapshotSchema } from '../model/snapshot-schema';

// A snapshot comes from a compromised machine, so it is hostile input: it is measured before it is
// parsed. JSON.parse of 200 MB of nested arrays needs gigabytes and aborts the process; a real
// snapshot is a few MB, about ten levels deep.

export interface SnapshotLimits {
  maxBytes: number;
  maxDepth: number;
  /** Arrays and objects in the whole document. */
  maxContainers: number;
}

export const SNAPSHOT_LIMITS: SnapshotLimits = { maxBytes: 256 * 1024 * 1024, maxDepth: 64, maxContainers: 4_000_000 };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Depth and container count of JSON text fed in chunks, without parsing it. */
export class JsonShape {
  private depth = 0;
  private containers = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly limits: Pick<SnapshotLimits, 'maxDepth' | 'maxContainers'>) {}

  /** The first limit crossed so far, or null. */
  feed(buf: Uint8Array): 'depth' | 'containers' | null {
    const { maxDepth, maxContainers } = this.limits;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
      } else if (b === QUOTE) this.inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (++this.depth > maxDepth) return 'depth';
        if (++this.containers > maxContainers) return 'containers';
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) this.depth--;
    }
    return null;
  }
}

export function jsonShape(buf: Uint8Array, limits: Pick<SnapshotLimits, 'maxDepth' | 'maxContainers'>): 'depth' | 'containers' | null {
  return new JsonShape(limits).feed(buf);
}

const READ_CHUNK = 4 * 1024 * 1024;

// Facts written after collection: traffic (the sampling window) and clamav (--clamav).
const FACT_NAMES: FactName[] = [...COLLECTORS.map((c) => c.name), 'traffic', 'clamav'];

/** Reads a snapshot written by `scan --snapshot`, refusing what is too big, too deep or not one. */
export function readSnapshot(file: string, limits: SnapshotLimits = SNAPSHOT_LIMITS): Snapshot {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  let buf: Buffer;
  let shape: 'depth' | 'containers' | null = null;
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new InputError(file, [{ section: '', message: 'not a regular file', messageId: 'snapshot.notFile' }]);
    if (st.size > limits.maxBytes)
      throw new InputError(file, [
        {
          section: '',
          message: `${st.size} bytes, more than the ${limits.maxBytes} a snapshot may have`,
          messageId: 'snapshot.tooBig',
          data: { size: String(st.size), max: String(limits.maxBytes) },
        },
      ]);
    // Measured while it is read, so a hostile file is refused after its first few megabytes.
    buf = Buffer.allocUnsafe(st.size);
    const measure = new JsonShape(limits);
    let off = 0;
    while (off < st.size && shape === null) {
      const n = fs.readSync(fd, buf, off, Math.min(READ_CHUNK, st.size - off), off);
      if (n <= 0) break;
      shape = measure.feed(buf.subarray(off, off + n));
      off += n;
    }
    buf = buf.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
  if (shape === 'depth')
    throw new InputError(file, [
      {
        section: '',
        message: `nested deeper than ${limits.maxDepth} levels; not analysed`,
        messageId: 'snapshot.tooDeep',
        data: { max: String(limits.maxDepth) },
      },
    ]);
  if (shape === 'containers')
    throw new InputError(file, [
      {
        section: '',
        message: `more than ${limits.maxContainers} arrays and objects; not analysed`,
        messageId: 'snapshot.tooMany',
        data: { max: String(limits.maxContainers) },
      },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new InputError(file, [{ section: '', message: `not JSON: ${(e as Error).message}` }]);
  }
  if ((parsed as { schema?: unknown } | null)?.schema !== SNAPSHOT_SCHEMA)
    throw new InputError(file, [
      {
        section: '',
        message: `not a hostsweep snapshot (expected schema ${SNAPSHOT_SCHEMA})`,
        messageId: 'snapshot.notSnapshot',
        data: { schema: SNAPSHOT_SCHEMA },
      },
    ]);
  return parseInput(snapshotSchema(FACT_NAMES), parsed, file) as Snapshot;
}
