import type { Message, Messages } from './types.ts'

const accents: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁßÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ'][index]!,
  ]),
)

/** English with every letter accented (placeholders kept), bracketed and a third longer, like German. */
const pseudoText = (text: string) =>
  `[${text
    .split(/(\{\w+\})/)
    .map((part, index) => (index % 2 ? part : part.replace(/[a-z]/gi, (letter) => accents[letter]!)))
    .join('')}${'·'.repeat(Math.ceil(text.length / 3))}]`

const pseudoMessage = (message: Message): Message =>
  typeof message === 'string' ? pseudoText(message) : (Object.fromEntries(Object.entries(message).map(([rule, text]) => [rule, pseudoText(text)])) as Message)

/** The pseudo-locale, generated from English: any English left on a page was not taken from a catalog. */
export const pseudoCatalog = (english: Messages): Messages =>
  Object.fromEntries(Object.entries(english).map(([key, message]) => [key, pseudoMessage(message)])) as Messages
