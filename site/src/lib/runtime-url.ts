/** Where the site reaches the runtime from the server side (the browser only ever sees `/api`). */
export const runtimeUrl = () => (process.env.RUNTIME_URL ?? 'http://127.0.0.1:3001').replace(/\/+$/, '')
