/**
 * Page furniture: the bits of a news page that are not the article but get
 * copied along with it (comment widgets, share counters). Generic patterns of
 * common publishing platforms, not of any one site.
 */

const COMMENT_WIDGET_LINE =
  /^(leave a comment!?|(google|twitter|facebook|wordpress\.com) (photo|picture)|subscribe|notify of|guest|oldest|newest|most voted|newest most voted|inline feedbacks|view all comments|load more comments|leave a (reply|comment)|post comment|reply|log ?in to comment|login|sign in to comment|comments?|share|tweet|email|print|whatsapp|facebook|twitter|linkedin|pinterest|telegram|copy link|\d[\d,.]*\s*(comments?|shares?|views?|likes?))$/i;

const COMMENT_POLICY =
  /\b(akismet|comment data is processed|your email address will not be published|required fields are marked|you are commenting using your|fill in your details below or click an icon to log in|bloggers like this|connecting to %s|notify me of (new comments|new posts)|log out \/\s*change)\b/i;

/** A bare count such as a share or comment counter ("0", "221", "1.2K"). */
const BARE_COUNTER = /^\d[\d,.]*\s*[kKmM]?$/;

export function isFurnitureLine(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  return BARE_COUNTER.test(t) || COMMENT_WIDGET_LINE.test(t) || COMMENT_POLICY.test(t);
}
