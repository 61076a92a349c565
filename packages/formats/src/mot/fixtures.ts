// Hand-written after MOT16's `gt/gt.txt` and `seqinfo.ini`, and CVAT's MOT 1.1 export (`gt/labels.txt`).
export const seqinfo = `[Sequence]
name=MOT16-02
imDir=img1
frameRate=30
seqLength=6
imWidth=1920
imHeight=1080
imExt=.jpg
`;

export const gt = `1,1,912,484,97,109,0,7,1
2,1,912,484,97,109,0,7,1
1,2,1338,418,167,379,1,1,1
2,2,1342,417,168,380,1,1,0.86555
4,2,1350,417,168,380.5,1,1,0.5
3,-1,10.5,20.25,30,40,1,3,0.25
`;

/** CVAT writes its project's labels, class 1 first. */
export const labels = 'person\nrider\ncar\nbicycle\nmotorbike\nvan\nstatic person\n';
