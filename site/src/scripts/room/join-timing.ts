import { RoomEvent, Track, type Room } from 'livekit-client'

/**
 * Join time as people feel it: `meet:join` when Join is pressed (prejoin/submit.ts) to
 * `meet:first-remote-frame` when a remote camera's first frame is painted. bench/join-time.ts reads
 * the measure; nothing is sent anywhere. Resolves when that frame is painted (join.ts waits for it).
 */
export function watchFirstRemoteFrame(room: Room): Promise<void> {
  let done = false
  return new Promise((resolve) => {
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (done || track.kind !== Track.Kind.Video) return
      // The grid attaches the track to a tile when it next lays out; look each frame until it has.
      const watch = (frames: number) => {
        const video = track.attachedElements.find((element): element is HTMLVideoElement => element instanceof HTMLVideoElement)
        if (!video) return void (frames < 600 && requestAnimationFrame(() => watch(frames + 1)))
        video.requestVideoFrameCallback(() => {
          if (done) return
          done = true
          performance.mark('meet:first-remote-frame')
          if (performance.getEntriesByName('meet:join').length) performance.measure('meet:join-to-first-remote-frame', 'meet:join', 'meet:first-remote-frame')
          resolve()
        })
      }
      watch(0)
    })
  })
}
