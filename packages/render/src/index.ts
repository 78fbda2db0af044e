export { renderDocx } from './docx.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
