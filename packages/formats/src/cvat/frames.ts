// CVAT for video names no frame files; Cadre names them as CVAT's own dataset export does.

/** `frame_000042.jpg` */
export const frameName = (i: number) => `frame_${String(i).padStart(6, '0')}.jpg`;
