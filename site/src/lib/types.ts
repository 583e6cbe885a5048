// The API's shapes, from the one definition the runtime and the functions are checked against
// (types/api.ts at the repository's root). Types only: nothing of it reaches the page.
export type * from '../../../types/api.ts'
