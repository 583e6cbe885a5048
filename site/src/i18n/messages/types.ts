import type { en } from './en/index.ts'

/** A message: text with `{name}` placeholders, or one text per plural category of `{count}`. */
export type Message = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>

/** Every key the site shows; English is the reference catalog. */
export type MessageKey = keyof typeof en
export type Messages = Readonly<Record<MessageKey, Message>>

/** Another language's part of an area: exactly the English keys, no more, no fewer. */
export type Catalog<English> = { readonly [K in keyof English]: Message }

type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never
type Texts<M> = M extends string ? M : M[keyof M]
/** The placeholders of a key's English text (a plural message always takes `count`). */
export type ParamsOf<K extends MessageKey> = Placeholders<Texts<(typeof en)[K]>> | ((typeof en)[K] extends string ? never : 'count')
