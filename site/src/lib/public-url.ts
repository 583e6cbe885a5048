/**
 * Where people open the site (PUBLIC_URL, as the runtime reads it). Pages answer only for its
 * host, and its origin is the only one forms may post from: the image is built once for every
 * domain, so this is read when the server runs, not baked in at build time.
 */
export const publicUrl = () => new URL(process.env.PUBLIC_URL || 'http://localhost:3000')
