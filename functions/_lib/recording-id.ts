import * as v from 'valibot'

export const recordingIdSchema = v.pipe(v.string('must be a string'), v.uuid('must be a recording id'))
