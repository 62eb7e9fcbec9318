/**
 * The extraction API for every context. Node-only helpers live in
 * ./html-node, which is deliberately not re-exported here: the content script
 * imports this module, and linkedom must stay out of its bundle.
 */
export { extractArticle, isProbablyArticle } from './dom';
export { findPublicationDate, dateFromUrl } from './date';
export type { DateOptions } from './date';
export { parsePlainText } from './plain-text';
export type { PlainTextOptions } from './plain-text';
