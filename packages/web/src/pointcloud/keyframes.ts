// Interpolated boxes between the keyframes of one track, through the shared track code.
import { fillTrack, type Keyframe } from '@cadre/pointcloud';

/** The boxes fillTrack puts on the frames strictly between keyframes. */
export function fillKeyframes(keys: Keyframe[], frameCount: number, times?: readonly number[] | null): Keyframe[] {
  return fillTrack(keys, frameCount, times ?? undefined).filter((k) => !k.keyframe);
}
