// An rpm header as the database stores it (no lead, no magic): index count, data length, the
// index entries (tag, type, offset, count; big-endian), then the data store. Every offset and
// count comes from a file an intruder may have edited, so each one is bounds-checked.

export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'sha224';

export interface RpmFile {
  path: string;
  /** Hex digest the package recorded; '' for directories, symlinks and ghosts. */
  digest: string;
  size: number;
  mode: number;
  user: string;
  group: string;
  /** RPMFILE_* bits: config 1, doc 2, missingok 8, noreplace 16, ghost 64. */
  flags: number;
  /** RPMFILE_STATE_*: 0 normal, 1 replaced, 2 not installed (excluded docs, other arch), 3 netshared. */
  state: number;
}

export interface RpmPackage {
  name: string;
  epoch: number | null;
  version: string;
  release: string;
  arch: string;
  /** Seconds since the epoch; null when the header has none. */
  installTime: number | null;
  /** null for an algorithm number this reader does not know: such digests cannot be compared. */
  digestAlgorithm: DigestAlgorithm | null;
  files: RpmFile[];
}

export const FILE_CONFIG = 1;
export const FILE_GHOST = 64;
export const STATE_NORMAL = 0;

const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  installTime: 1008,
  oldFilenames: 1027,
  fileSizes: 1028,
  fileStates: 1029,
  fileModes: 1030,
  fileDigests: 1035,
  fileFlags: 1037,
  fileUsers: 1039,
  fileGroups: 1040,
  arch: 1022,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
  longFileSizes: 5008,
  fileDigestAlgo: 5011,
} as const;

const TYPE = { char: 1, int8: 2, int16: 3, int32: 4, int64: 5, string: 6, bin: 7, stringArray: 8, i18nString: 9 } as const;

/** PGPHASHALGO_* numbers used by FILEDIGESTALGO. */
const ALGORITHMS: Record<number, DigestAlgorithm> = { 1: 'md5', 2: 'sha1', 8: 'sha256', 9: 'sha384', 10: 'sha512', 11: 'sha224' };

/** Headers larger than this are not rpm headers (rpm itself caps the data store at 256 MiB). */
const MAX_INDEX = 0x10000;

export class HeaderError extends Error {}

interface Entry {
  type: number;
  offset: number;
  count: number;
}

class Header {
  private readonly entries = new Map<number, Entry>();
  private readonly store: Buffer;

  constructor(blob: Buffer) {
    if (blob.length < 8) throw new HeaderError('header shorter than 8 bytes');
    const il = blob.readUInt32BE(0);
    const dl = blob.readUInt32BE(4);
    if (il === 0 || il > MAX_INDEX) throw new HeaderError(`implausible index count ${il}`);
    const start = 8 + il * 16;
    if (start + dl > blob.length) throw new HeaderError(`header claims ${start + dl} bytes, has ${blob.length}`);
    this.store = blob.subarray(start, start + dl);
    for (let i = 0; i < il; i++) {
      const at = 8 + i * 16;
      const tag = blob.readUInt32BE(at);
      const entry = { type: blob.readUInt32BE(at + 4), offset: blob.readUInt32BE(at + 8), count: blob.readUInt32BE(at + 12) };
      if (entry.offset > dl) throw new HeaderError(`tag ${tag} points past the data store`);
      if (!this.entries.has(tag)) this.entries.set(tag, entry);
    }
  }

  private entry(tag: number, types: number[]): Entry | null {
    const e = this.entries.get(tag);
    if (!e) return null;
    if (!types.includes(e.type)) throw new HeaderError(`tag ${tag} has type ${e.type}`);
    return e;
  }

  strings(tag: number): string[] | null {
    const e = this.entry(tag, [TYPE.string, TYPE.stringArray, TYPE.i18nString]);
    if (!e) return null;
    const out: string[] = [];
    let at = e.offset;
    // An i18n string holds one string per locale; the first is the untranslated one.
    const count = e.type === TYPE.stringArray ? e.count : 1;
    for (let i = 0; i < count; i++) {
      const end = this.store.indexOf(0, at);
      if (end < 0) throw new HeaderError(`tag ${tag}: unterminated string`);
      // latin1 keeps every byte of a non-UTF-8 file name (one char per byte), like the filesystem does.
      out.push(this.store.toString('latin1', at, end));
      at = end + 1;
    }
    return out;
  }

  string(tag: number): string | null {
    return this.strings(tag)?.[0] ?? null;
  }

  numbers(tag: number): number[] | null {
    const e = this.entry(tag, [TYPE.char, TYPE.int8, TYPE.int16, TYPE.int32, TYPE.int64]);
    if (!e) return null;
    const width = e.type === TYPE.int16 ? 2 : e.type === TYPE.int32 ? 4 : e.type === TYPE.int64 ? 8 : 1;
    if (e.offset + e.count * width > this.store.length) throw new HeaderError(`tag ${tag}: array past the data store`);
    const out = new Array<number>(e.count);
    for (let i = 0; i < e.count; i++) {
      const at = e.offset + i * width;
      out[i] =
        width === 1
          ? this.store[at]
          : width === 2
            ? this.store.readUInt16BE(at)
            : width === 4
              ? this.store.readUInt32BE(at)
              : Number(this.store.readBigUInt64BE(at));
    }
    return out;
  }
}

/** Bytes of a path as the filesystem sees them: header strings were decoded one char per byte. */
export function fromLatin1(s: string): string {
  // Pure ASCII is the common case and needs no re-decoding.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return Buffer.from(s, 'latin1').toString('utf8');
  return s;
}

/** Parses one installed package's header. Throws HeaderError on a malformed blob. */
export function parseHeader(blob: Buffer): RpmPackage {
  const h = new Header(blob);
  const name = h.string(TAG.name);
  const version = h.string(TAG.version);
  const release = h.string(TAG.release);
  if (name === null || version === null || release === null) throw new HeaderError('no name, version or release');
  const algo = h.numbers(TAG.fileDigestAlgo)?.[0] ?? 1;

  let paths: string[];
  const baseNames = h.strings(TAG.baseNames);
  if (baseNames) {
    const dirNames = h.strings(TAG.dirNames) ?? [];
    const dirIndexes = h.numbers(TAG.dirIndexes) ?? [];
    if (dirIndexes.length !== baseNames.length) throw new HeaderError('dirindexes and basenames differ in length');
    paths = baseNames.map((b, i) => {
      const d = dirNames[dirIndexes[i]];
      if (d === undefined) throw new HeaderError(`dirindex ${dirIndexes[i]} out of range`);
      return fromLatin1(d + b);
    });
  } else paths = (h.strings(TAG.oldFilenames) ?? []).map(fromLatin1);

  const n = paths.length;
  const digests = h.strings(TAG.fileDigests) ?? [];
  const sizes = h.numbers(TAG.longFileSizes) ?? h.numbers(TAG.fileSizes) ?? [];
  const modes = h.numbers(TAG.fileModes) ?? [];
  const flags = h.numbers(TAG.fileFlags) ?? [];
  const states = h.numbers(TAG.fileStates) ?? [];
  const users = h.strings(TAG.fileUsers) ?? [];
  const groups = h.strings(TAG.fileGroups) ?? [];
  const files: RpmFile[] = new Array(n);
  for (let i = 0; i < n; i++) {
    files[i] = {
      path: paths[i],
      digest: digests[i] ?? '',
      size: sizes[i] ?? 0,
      mode: modes[i] ?? 0,
      user: users[i] ?? '',
      group: groups[i] ?? '',
      flags: flags[i] ?? 0,
      state: states[i] ?? STATE_NORMAL,
    };
  }
  return {
    name: fromLatin1(name),
    epoch: h.numbers(TAG.epoch)?.[0] ?? null,
    version: fromLatin1(version),
    release: fromLatin1(release),
    arch: h.string(TAG.arch) ?? '',
    installTime: h.numbers(TAG.installTime)?.[0] ?? null,
    digestAlgorithm: ALGORITHMS[algo] ?? null,
    files,
  };
}

/** "name-version-release.arch", as rpm -q prints it (epoch shown only when set). */
export function nevra(p: RpmPackage): string {
  const e = p.epoch ? `${p.epoch}:` : '';
  return `${p.name}-${e}${p.version}-${p.release}${p.arch ? `.${p.arch}` : ''}`;
}
