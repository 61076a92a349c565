// Hand-written after the example on Datumaro's "Datumaro format" page (dm_format_version 1.0).
export const defaultJson = JSON.stringify({
  dm_format_version: '1.0',
  info: {},
  categories: {
    label: { labels: [{ name: 'cat', parent: '', attributes: ['age'] }, { name: 'dog', parent: '', attributes: [] }, { name: 'road', parent: '', attributes: [] }], attributes: ['occluded'] },
    points: { items: [] },
  },
  items: [
    {
      id: '000001', annotations: [
        { id: 0, type: 'bbox', attributes: { occluded: false, age: 3 }, group: 0, label_id: 0, z_order: 0, bbox: [10.5, 20, 30, 40.25] },
        { id: 1, type: 'polygon', attributes: { occluded: true }, group: 2, label_id: 1, z_order: 1, points: [0, 0, 10, 0, 10, 10] },
        { id: 2, type: 'polyline', attributes: {}, group: 0, label_id: 2, z_order: 0, points: [1, 1, 5, 5, 9, 1] },
        { id: 3, type: 'points', attributes: {}, group: 0, label_id: 0, z_order: 0, points: [3, 4, 5, 6], visibility: [2, 2] },
        { id: 4, type: 'label', attributes: {}, group: 0, label_id: 1 },
        { id: 5, type: 'mask', attributes: {}, group: 0, label_id: 0, rle: { counts: '61', size: [2, 3] } },
      ],
      attr: { frame: 0 }, image: { path: '000001.jpg', size: [480, 640] },
    },
    {
      id: 'frame_000001', annotations: [
        { id: 0, type: 'bbox', attributes: { occluded: false, track_id: 4, keyframe: true, rotation: 15 }, group: 0, label_id: 0, z_order: 0, bbox: [1, 2, 3, 4] },
      ],
      image: { path: 'frame_000001.png' },
    },
  ],
}, null, 2);
