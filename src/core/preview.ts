// The start of a message for a one-line place (a tree row, a quick pick): line breaks and runs of spaces become
// one space, and a longer text is cut at a word boundary when there is one near the end, with an ellipsis.

export function previewText(text: string, max = 24): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // Count code points, not UTF-16 units, so an emoji is never cut in half.
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space >= max * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
