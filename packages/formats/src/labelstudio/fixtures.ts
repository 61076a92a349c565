// Label Studio exports written by hand after the documented task format ("Label Studio JSON format
// of annotated tasks"): an image project with boxes (one turned), polygons, key points and
// per-region choices, a text NER project with an emoji before a span, predictions, a cancelled
// annotation, and results Cadre cannot hold.

/** A JSON export of two image tasks, pretty-printed as Label Studio writes it. */
export const imageExport = `[
  {
    "id": 1,
    "created_at": "2021-03-09T21:52:49.513742Z",
    "project": 83,
    "data": { "image": "/data/upload/1/street.jpg", "camera": "front", "weather": { "rain": false } },
    "annotations": [
      {
        "id": 1001,
        "result": [
          {
            "id": "Dx_aB91ISN", "from_name": "tag", "to_name": "img", "type": "rectanglelabels",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "x": 10, "y": 20, "width": 25, "height": 50, "rotation": 0, "rectanglelabels": ["Car"] }
          },
          {
            "id": "Dx_aB91ISN", "from_name": "quality", "to_name": "img", "type": "choices",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "x": 10, "y": 20, "width": 25, "height": 50, "rotation": 0, "choices": ["blurry"] }
          },
          {
            "id": "Dx_aB91ISN", "from_name": "plate", "to_name": "img", "type": "textarea",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "x": 10, "y": 20, "width": 25, "height": 50, "rotation": 0, "text": ["AB-123"] }
          },
          {
            "id": "turned01", "from_name": "tag", "to_name": "img", "type": "rectanglelabels",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "x": 50, "y": 10, "width": 20, "height": 10, "rotation": 30, "rectanglelabels": ["Bus"] }
          },
          {
            "id": "poly01", "from_name": "seg", "to_name": "img", "type": "polygonlabels",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "points": [[10, 10], [30, 10], [30, 40], [10, 40]], "closed": true, "polygonlabels": ["Road"] }
          },
          {
            "id": "kp01", "from_name": "kp", "to_name": "img", "type": "keypointlabels",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "x": 50, "y": 50, "width": 0.75, "keypointlabels": ["Light"] }
          },
          {
            "id": "kp01", "from_name": "visibility", "to_name": "img", "type": "rating",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "x": 50, "y": 50, "width": 0.75, "rating": 4 }
          },
          {
            "id": "brush01", "from_name": "mask", "to_name": "img", "type": "brushlabels",
            "original_width": 800, "original_height": 600, "image_rotation": 0,
            "value": { "format": "rle", "rle": [0, 1, 2], "brushlabels": ["Sky"] }
          },
          { "from_id": "Dx_aB91ISN", "to_id": "poly01", "type": "relation", "direction": "right" }
        ],
        "was_cancelled": false,
        "ground_truth": false,
        "created_at": "2021-03-09T22:16:08.728353Z",
        "updated_at": "2021-03-09T22:16:08.728378Z",
        "lead_time": 4.288,
        "task": 1,
        "completed_by": { "id": 10, "email": "ann@example.com", "first_name": "Ann" }
      },
      {
        "id": 1002,
        "result": [],
        "was_cancelled": true,
        "completed_by": 11,
        "created_at": "2021-03-10T08:00:00Z"
      }
    ],
    "predictions": [
      {
        "model_version": "yolo-v8",
        "score": 0.87,
        "created_ago": "3 hours",
        "result": [
          {
            "id": "t5sp3TyXPo", "from_name": "tag", "to_name": "img", "type": "rectanglelabels",
            "original_width": 800, "original_height": 600, "image_rotation": 0, "score": 0.91,
            "value": { "x": 12, "y": 21, "width": 24, "height": 49, "rotation": 0, "rectanglelabels": ["Car"] }
          }
        ]
      }
    ]
  },
  {
    "id": 2,
    "data": { "image": "s3://bucket/frames/0002.png" },
    "annotations": [
      {
        "result": [
          {
            "id": "r2", "from_name": "tag", "to_name": "img", "type": "rectanglelabels",
            "value": { "x": 0, "y": 0, "width": 50, "height": 50, "rotation": 0, "rectanglelabels": ["Car"] }
          }
        ],
        "completed_by": "bob@example.com"
      }
    ]
  }
]
`;

/** "Ciao 🍕 from Napoli": the pizza is 1 code point but 2 UTF-16 units, so Napoli is 13..19 in UTF-16, 12..18 in code points. */
export const nerText = 'Ciao 🍕 from Napoli, with love';

/** A JSONL export of a text project: spans, a per-span choice, a class for the whole text. */
export const nerLines = [
  JSON.stringify({
    id: 7,
    data: { text: nerText, source: 'chat' },
    annotations: [{
      completed_by: 3,
      created_at: '2024-01-02T10:00:00Z',
      result: [
        { id: 'sp1', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 13, end: 19, text: 'Napoli', labels: ['LOC'] } },
        { id: 'sp1', from_name: 'confidence', to_name: 'text', type: 'choices', value: { start: 13, end: 19, text: 'Napoli', choices: ['sure'] } },
        { id: 'sp2', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 5, end: 7, text: '🍕', labels: ['FOOD'] } },
        { id: 'cls', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } },
      ],
    }],
    predictions: [{
      model_version: 3, score: 0.5,
      result: [{ id: 'p1', from_name: 'ner', to_name: 'text', type: 'labels', score: 0.7, value: { start: 0, end: 4, text: 'Ciao', labels: ['GREETING'] } }],
    }],
  }),
  '',
  JSON.stringify({
    id: 8,
    data: { text: 'plain' },
    annotations: [{ result: [{ id: 'x', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 0, end: 5, text: 'plain', labels: ['WORD'] } }] }],
  }),
].join('\n') + '\n';
