// Object bytes on disk. The layout never uses a user-supplied name: each stored
// version is a server-generated UUID (storage.objects.version), kept at
// <root>/objects/<first two hex digits>/<uuid>. Blobs are immutable once written;
// a copy or a move is a hard link to a new version name, and a write lands in
// <root>/tmp first and is renamed into place, so a reader never sees half a file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errors } from './errors.ts';

const VERSION_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface WrittenBlob {
  tmpPath: string;
  size: number;
  /** Hex MD5 of the bytes (storage-api's file backend ETag). */
  md5: string;
}

class LimitExceeded extends Error {}

export class BlobStore {
  readonly root: string;
  private readonly tmpDir: string;
  private readonly objectsDir: string;

  constructor(root: string) {
    this.root = root;
    this.tmpDir = path.join(root, 'tmp');
    this.objectsDir = path.join(root, 'objects');
  }

  async init(): Promise<void> {
    await fsp.mkdir(this.objectsDir, { recursive: true });
    // Leftovers of uploads interrupted by a crash are never referenced.
    await fsp.rm(this.tmpDir, { recursive: true, force: true });
    await fsp.mkdir(this.tmpDir, { recursive: true });
  }

  /**
   * Deletes blobs no row refers to (left by `db:reset`, or by a crash between a
   * commit and the removal of the version it replaced). Run before serving.
   */
  async sweep(referenced: Set<string>): Promise<number> {
    let removed = 0;
    for (const dir of await fsp.readdir(this.objectsDir)) {
      const full = path.join(this.objectsDir, dir);
      for (const name of await fsp.readdir(full).catch(() => [] as string[])) {
        if (referenced.has(name)) continue;
        await fsp.rm(path.join(full, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** The file of a version, or undefined for anything that is not a server-made UUID. */
  pathFor(version: unknown): string | undefined {
    if (typeof version !== 'string' || !VERSION_RE.test(version)) return undefined;
    return path.join(this.objectsDir, version.slice(0, 2), version);
  }

  /**
   * Streams `source` into a temp file, hashing as it goes; more than `limit` bytes
   * fails with EntityTooLarge. Never holds more than a chunk in memory.
   */
  async writeTemp(source: Readable, limit: number): Promise<WrittenBlob> {
    const tmpPath = path.join(this.tmpDir, `${crypto.randomUUID()}.part`);
    const hash = crypto.createHash('md5');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) {
          done(new LimitExceeded());
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmpPath, { flags: 'wx' }));
    } catch (e) {
      await fsp.rm(tmpPath, { force: true });
      if (e instanceof LimitExceeded) throw errors.entityTooLarge();
      throw e;
    }
    return { tmpPath, size, md5: hash.digest('hex') };
  }

  /** Moves a finished temp file to the place of `version`. */
  async place(tmpPath: string, version: string): Promise<void> {
    const dest = this.mustPath(version);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    await fsp.rename(tmpPath, dest);
  }

  /** Makes `to` name the same bytes as `from` (copy, move). */
  async link(from: string, to: string): Promise<void> {
    const src = this.pathFor(from);
    if (!src) throw errors.noSuchKey();
    const dest = this.mustPath(to);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    try {
      await fsp.link(src, dest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw errors.noSuchKey();
      // Filesystems without hard links: copy (a reflink where supported).
      if (code === 'EPERM' || code === 'EXDEV' || code === 'ENOTSUP' || code === 'EMLINK') {
        await fsp.copyFile(src, dest, fs.constants.COPYFILE_FICLONE);
        return;
      }
      throw e;
    }
  }

  async remove(version: unknown): Promise<void> {
    const p = this.pathFor(version);
    if (p) await fsp.rm(p, { force: true });
  }

  async discard(tmpPath: string): Promise<void> {
    await fsp.rm(tmpPath, { force: true });
  }

  private mustPath(version: string): string {
    const p = this.pathFor(version);
    if (!p) throw new Error(`not a blob version: ${version}`);
    return p;
  }
}
