export type ImageInfoErrorCode = 'not_image' | 'truncated' | 'corrupt' | 'unsupported';

/** Why the header of a file gave no size; services turn it into a 422. */
export class ImageInfoError extends Error {
  override name = 'ImageInfoError';
  constructor(readonly code: ImageInfoErrorCode, message: string) {
    super(message);
  }
}
