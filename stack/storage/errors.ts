// storage-api's error contract (spec 9.5): the body always carries the nominal
// status as a string plus an S3-style code, while the HTTP status of a handled
// error is 400 (500 stays 500). A few errors (role gates, bad ranges, timeouts,
// unknown routes, Fastify-level failures) keep a real HTTP status of their own.

export interface StorageErrorBody {
  statusCode: string;
  code: string;
  error: string;
  message: string;
}

export class StorageError extends Error {
  readonly httpStatus: number;
  constructor(
    /** The nominal status shown in the body's `statusCode`. */
    readonly status: number,
    readonly code: string,
    readonly error: string,
    message: string,
    httpStatus?: number,
  ) {
    super(message);
    this.httpStatus = httpStatus ?? (status === 500 ? 500 : 400);
  }

  body(): StorageErrorBody {
    return { statusCode: String(this.status), code: this.code, error: this.error, message: this.message };
  }
}

const dup = 'The resource already exists';

export const errors = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'not_found', 'Object not found'),
  keyAlreadyExists: () => new StorageError(409, 'KeyAlreadyExists', 'Duplicate', dup),
  bucketAlreadyExists: () => new StorageError(409, 'BucketAlreadyExists', 'Duplicate', dup),
  resourceAlreadyExists: () => new StorageError(409, 'ResourceAlreadyExists', 'Duplicate', dup),
  bucketNotEmpty: () =>
    new StorageError(409, 'ResourceNotEmpty', 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  tooManyToEmpty: () =>
    new StorageError(
      409,
      'InvalidRequest',
      'InvalidRequest',
      'Unable to empty the bucket because it contains too many objects',
    ),
  accessDenied: (message = 'Access denied') => new StorageError(403, 'AccessDenied', 'Unauthorized', message),
  invalidJwt: (message: string) => new StorageError(400, 'InvalidJWT', 'InvalidJWT', message || 'Invalid JWT'),
  invalidSignature: () => new StorageError(400, 'InvalidSignature', 'InvalidSignature', 'Invalid signature'),
  expiredSignature: () => new StorageError(400, 'ExpiredToken', 'ExpiredToken', 'The provided token has expired.'),
  entityTooLarge: (entity = 'object') =>
    new StorageError(413, 'EntityTooLarge', 'Payload too large', `The ${entity} exceeded the maximum allowed size`),
  invalidMimeType: (mime: string) =>
    new StorageError(415, 'InvalidMimeType', 'invalid_mime_type', `mime type ${mime} is not supported`),
  invalidKey: (key: string, reason?: string) =>
    new StorageError(400, 'InvalidKey', 'InvalidKey', `Invalid key: ${key}${reason ? ` ${reason}` : ''}`),
  invalidBucketName: () => new StorageError(400, 'InvalidBucketName', 'Invalid Input', 'Bucket name invalid'),
  invalidFileSizeLimit: () =>
    new StorageError(
      400,
      'InvalidRequest',
      'InvalidRequest',
      'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B',
    ),
  invalidRange: () => new StorageError(416, 'InvalidRange', 'invalid_range', 'invalid range provided', 416),
  invalidParameter: (name: string) =>
    new StorageError(400, 'InvalidParameter', 'InvalidParameter', `Invalid Parameter ${name}`),
  noContent: () => new StorageError(400, 'InvalidRequest', 'InvalidRequest', 'No content provided'),
  featureNotEnabled: (feature: string) =>
    new StorageError(
      409,
      'FeatureNotEnabled',
      'FeatureNotEnabled',
      `The feature ${feature} is not enabled for this resource`,
    ),
  relatedResourceNotFound: () =>
    new StorageError(404, 'InvalidRequest', 'InvalidRequest', 'The related resource does not exist'),
  /** JSON-schema failures as Fastify reports them: a real 400. */
  validation: (message: string) => new StorageError(400, 'InvalidRequest', 'Error', message),
  /** Fastify's body limit (1 MiB) for JSON bodies. */
  bodyTooLarge: () => new StorageError(413, 'EntityTooLarge', 'Payload Too Large', 'Request body is too large', 413),
  invalidJsonBody: () =>
    new StorageError(
      400,
      'InvalidRequest',
      'Bad Request',
      "Body is not valid JSON but content-type is set to 'application/json'",
    ),
  emptyJsonBody: () =>
    new StorageError(
      400,
      'InvalidRequest',
      'Bad Request',
      "Body cannot be empty when content-type is set to 'application/json'",
    ),
  routeNotFound: (method: string, url: string) =>
    new StorageError(404, 'InvalidRequest', 'Not Found', `Route ${method}:${url} not found`, 404),
  databaseTimeout: () =>
    new StorageError(544, 'DatabaseTimeout', 'DatabaseTimeout', 'The connection to the database timed out', 544),
  internal: (message = 'Internal server error') => new StorageError(500, 'InternalError', 'Internal', message),
};

/** What storage-api's DBError.fromDBError makes of a Postgres error. */
export function fromPgError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const pgErr = e as { code?: string; message?: string; severity?: string };
  // Only Postgres errors carry a severity; anything else (fs, bugs) is internal.
  if (!pgErr || typeof pgErr !== 'object' || typeof pgErr.severity !== 'string') {
    return errors.internal(pgErr instanceof Error ? pgErr.message : undefined);
  }
  switch (pgErr.code) {
    case '42501':
      return errors.accessDenied(
        pgErr.message?.includes('row-level security')
          ? 'new row violates row-level security policy'
          : (pgErr.message ?? 'Access denied'),
      );
    case '23505':
      return errors.resourceAlreadyExists();
    case '23503':
      return errors.relatedResourceNotFound();
    case '55P03':
      return new StorageError(423, 'ResourceLocked', 'ResourceLocked', 'The resource is locked');
    case '57014':
      return errors.databaseTimeout();
    case '25006':
      return new StorageError(
        503,
        'DatabaseReadOnly',
        'DatabaseReadOnly',
        'The database is currently in read-only mode. Please try again later.',
      );
    case '22P02':
      return new StorageError(
        400,
        'InvalidParameter',
        'InvalidParameter',
        pgErr.message || 'Invalid value format or type conversion failed',
      );
    default:
      return new StorageError(500, 'DatabaseError', 'DatabaseError', `database error, code: ${pgErr.code}`);
  }
}
