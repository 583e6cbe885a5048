import * as v from 'valibot'

/** A participant named in a path or body: LiveKit identities as the session store makes them. */
export const identitySchema = v.pipe(v.string('must be a string'), v.regex(/^[\w-]{1,64}$/, 'must be a participant identity'))
