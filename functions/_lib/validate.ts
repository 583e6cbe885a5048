import * as v from 'valibot'
import { getRouterParam, type H3Event } from 'h3'
import { badRequest } from '#runtime'

// Path parameters get the same treatment as bodies: a 400 that names the field.
export function routerParam<S extends v.GenericSchema<string, unknown>>(event: H3Event, name: string, schema: S): v.InferOutput<S> {
  const result = v.safeParse(schema, decodeURIComponent(getRouterParam(event, name) ?? ''))
  if (!result.success) throw badRequest(name, result.issues[0].message)
  return result.output
}
