// The one shape every model speaks, whatever runs it: the shipped detector (tfjs), a user's ONNX
// file, a Label Studio ML backend or a plain HTTP model. A detector takes one image and answers
// proposals in the model's own class names and in pixels; the server maps classes to the project's
// ontology and stores them as machine pre-labels.

/** An image decoded to RGB, 3 bytes a pixel, rows top to bottom. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One image to label. Local models decode `bytes`; remote ones are sent `url` (or the bytes when they have none). */
export interface ImageInput {
  /** The name the user gave the image (a file name or URL): how reports and errors name it. */
  name: string;
  /** The file's bytes (JPEG, PNG). */
  bytes?: Uint8Array;
  /** Where a remote model can fetch it. */
  url?: string;
  /** Already decoded (a caller that decodes once for several models). */
  decoded?: RgbImage;
  /** The image size when known without decoding. */
  width?: number;
  height?: number;
}

/** One proposed object, in the model's class names and pixels of the original image (top-left origin). */
export interface Proposal {
  class: string;
  /** Box: left, top, width, height in pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0..1 */
  score: number;
  /** Segmentation outline when the model gives one: x0, y0, x1, y1, … in pixels. */
  polygon?: number[];
}

export interface Detection {
  proposals: Proposal[];
  /** Machine time spent on this image (wall clock of the model call), for the cost per item. */
  machineMs: number;
  /** Money a remote model charged for this call, in minor units, when it says. */
  costMinor?: number;
  /** What a remote model answered that is not a box or polygon (keypoints, brushes, choices…), counted per type rather than silently dropped. */
  skipped?: { type: string; count: number }[];
}

export interface ModelInfo {
  name: string;
  version: string;
  /** The model's class names, in its output order. */
  classes: string[];
}

export interface Detector {
  readonly info: ModelInfo;
  detect(image: ImageInput, signal?: AbortSignal): Promise<Detection>;
  close(): Promise<void>;
}

/** What the model does after its raw output: per-class score thresholds and non-maximum suppression. */
export interface Postprocess {
  /** Proposals under this score are dropped (default 0.25). */
  minScore?: number;
  /** Per model class, overriding `minScore`. */
  classMinScore?: Record<string, number>;
  /** Boxes of one class overlapping more than this IoU keep only the best (default 0.45). */
  nmsIou?: number;
  /** At most this many proposals an image (default 300). */
  maxProposals?: number;
}

/** How a project's model is opened: stored with the model, so a worker process can open it again. */
export type ModelSpec =
  | ({ type: 'default' } & Postprocess)
  | ({
      type: 'onnx';
      /** Path of the .onnx file on the server. */
      file: string;
      /** Class names in the model's output order (YOLO heads carry none). */
      classes: string[];
      /** Square input side (default: read from the model, else 640). */
      inputSize?: number;
    } & Postprocess)
  | ({ type: 'ls-backend'; url: string; /** Label Studio labeling config sent to /setup. */ labelConfig?: string; extraParams?: Record<string, unknown> } & Postprocess)
  | ({ type: 'http'; url: string; headers?: Record<string, string> } & Postprocess)
  /**
   * Cadre's LiDAR auto-labeller (@cadre/pointcloud): labels point clouds, not images, so the server
   * runs it itself and `openDetector` refuses it. `minScore` defaults to its shown score. With a
   * `url`, each frame goes to the user's own 3D detector there instead (http/cloud-model.ts), whose
   * boxes are linked into tracks and mapped the same way.
   */
  | {
    type: 'lidar'; minScore?: number; /** Objects farther than this in the plane are left alone (metres, default 70). */ maxRange?: number;
    url?: string; headers?: Record<string, string>;
  }
  /** Cadre's text learner (@cadre/textml): trained per project on its accepted labels by learn jobs; it opens no image detector. */
  | { type: 'text'; minScore?: number }
  /**
   * An LLM on an OpenAI-compatible chat endpoint, labelling texts with the project's text classes.
   * The key is never stored: `apiKeyEnv` names the environment variable that holds it (default
   * CADRE_LLM_API_KEY). Prices are per million tokens, in the minor units of the project's currency.
   */
  | {
    type: 'llm'; baseUrl: string; model: string; apiKeyEnv?: string; examples?: number;
    priceInputPerMillionMinor?: number; priceOutputPerMillionMinor?: number; concurrency?: number; requestsPerMinute?: number; minScore?: number;
  };

export type ModelType = ModelSpec['type'];

/** A model that cannot be opened or answered wrongly: the message names the model and what went wrong. */
export class ModelError extends Error {
  constructor(message: string, readonly code: 'unreachable' | 'bad_response' | 'bad_model' | 'bad_image' | 'cancelled' = 'bad_response') {
    super(message);
    this.name = 'ModelError';
  }
}
