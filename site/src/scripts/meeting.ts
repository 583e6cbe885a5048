// The meeting page's entry: tiny, so error pages that share it never load livekit-client.
const meeting = document.querySelector<HTMLElement>('.meeting')
if (meeting) void import('./prejoin/prejoin.ts').then(({ startPreJoin }) => startPreJoin(meeting))
