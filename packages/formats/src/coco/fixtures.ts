// Small COCO files written by hand after the format's documentation (cocodataset.org/#format-data):
// object detection with polygons, a crowd RLE mask, person keypoints. Tests only.

/** COCO's 17 person keypoints, as `person_keypoints_*.json` names them. */
export const PERSON_KEYPOINTS = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle'];

const kp = (visible: Record<number, [number, number, number]>) => PERSON_KEYPOINTS.flatMap((_, k) => visible[k] ?? [0, 0, 0]);

/** Pretty-printed, as Detectron2 and Roboflow write COCO: each element starts on its own line. */
export const detection = JSON.stringify({
  info: { description: 'hand-written sample' },
  images: [
    { id: 1, file_name: 'images/a.jpg', width: 64, height: 48, license: 1 },
    { id: 2, file_name: 'b.png', width: 10, height: 10 },
  ],
  annotations: [
    // Two rings of one object (an occluded car seen in two parts).
    { id: 7, image_id: 1, category_id: 3, iscrowd: 0, area: 54, bbox: [1.5, 2.25, 20, 10], segmentation: [[1.5, 2.25, 9.5, 2.25, 9.5, 8.25], [12, 2.25, 21.5, 2.25, 21.5, 12.25, 12, 12.25]] },
    // A crowd as an uncompressed RLE over a 4×3 image: columns of 3 pixels, runs start with background.
    { id: 8, image_id: 2, category_id: 1, iscrowd: 1, area: 4, bbox: [1, 0, 3, 3], segmentation: { size: [3, 4], counts: [4, 3, 2, 1, 2] } },
    // No segmentation: the box.
    { id: 9, image_id: 2, category_id: 1, iscrowd: 0, area: 12, bbox: [0.125, 0.25, 4, 3], segmentation: [], score: 0.75 },
  ],
  categories: [
    { id: 1, name: 'person', supercategory: 'person' },
    { id: 3, name: 'car', supercategory: 'vehicle' },
  ],
}, null, 2);

export const keypoints = JSON.stringify({
  images: [{ id: 5, file_name: 'k.jpg', width: 100, height: 200 }],
  annotations: [
    {
      id: 11, image_id: 5, category_id: 1, iscrowd: 0, area: 4000, bbox: [10, 20, 40, 100], num_keypoints: 3,
      segmentation: [[10, 20, 50, 20, 50, 120, 10, 120]],
      keypoints: kp({ 0: [30, 30, 2], 5: [20, 50, 1], 6: [40, 50, 2] }),
    },
    { id: 12, image_id: 5, category_id: 1, iscrowd: 0, area: 100, bbox: [60, 60, 10, 10], num_keypoints: 0, keypoints: kp({}) },
  ],
  categories: [{ id: 1, name: 'person', supercategory: 'person', keypoints: PERSON_KEYPOINTS, skeleton: [[16, 14], [14, 12]] }],
});

/** One bad thing an annotation: the reader reports each and keeps the rest. */
export const broken = JSON.stringify({
  images: [{ id: 1, file_name: 'a.jpg', width: 10, height: 10 }, { id: 1, file_name: 'twice.jpg' }, { file_name: 5 }],
  annotations: [
    { id: 1, image_id: 1, category_id: 9, bbox: [0, 0, 1, 1] },
    { id: 2, image_id: 4, category_id: 1, bbox: [0, 0, 1, 1] },
    { id: 3, image_id: 1, category_id: 1, bbox: [0, 0, -1, 1] },
    { id: 4, image_id: 1, category_id: 1, bbox: [0, 0, 1] },
    { id: 5, image_id: 1, category_id: 1, bbox: ['0', 0, 1, 1] },
    { id: 6, image_id: 1, category_id: 1, bbox: null },
    { id: 7, image_id: 1, category_id: 1 },
    { id: 8, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: [[0, 0, 1]] },
    { id: 9, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: { size: [2, 2], counts: [1, 1] } },
    { id: 10, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: { size: [2, 2], counts: '!!' } },
    { id: 11, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: { counts: [4] } },
    { id: 12, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], keypoints: [1, 2, 2] },
    { id: 13, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], score: 7 },
    { id: 14, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], iscrowd: 'yes' },
    { id: 15, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: 'x' },
    'not an annotation',
    { id: 16, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], attributes: [1] },
    { id: 17, image_id: 1, category_id: 1, bbox: [2, 2, 3, 3] },
  ],
  categories: [{ id: 1, name: 'thing' }, { id: 2 }],
}, null, 1);
