/** The element with this id; the page markup guarantees it exists. */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T

export const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('') || '?'
