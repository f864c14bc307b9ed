// The one check of a token typed or passed by a user, before it is tried against the gateway or stored. Tokens are
// opaque (no known format), so only what cannot be one is refused: a token shorter than MIN_TOKEN_LENGTH is a
// paste cut short or a placeholder ("test", "xxx"), and one with spaces or line breaks inside is two things pasted.
export const MIN_TOKEN_LENGTH = 8;

export type TokenProblem = 'empty' | 'tooShort' | 'spaces';

/** The problem with `token` (trimmed first: a paste often brings a line break), or undefined when it may be tried. */
export function checkTokenShape(token: string): TokenProblem | undefined {
  const value = token.trim();
  if (value === '') return 'empty';
  if (/\s/.test(value)) return 'spaces';
  if ([...value].length < MIN_TOKEN_LENGTH) return 'tooShort';
  return undefined;
}
