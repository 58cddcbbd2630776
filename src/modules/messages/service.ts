// The messages module's public service for other modules (modules meet only through services).
// `fileMessage(ctx, input, { origin: { type: 'interview', id } })` files a message on someone's
// behalf — e.g. an online interview's question not answered live — and returns its code and check
// key; it runs the same checks (fields, sizes, sensitive-word hold) as the public form.
export { fileMessage, messageStatus, type MessageInput, type Filed } from './intake.js';
export { publicMessages, publicMessage, faqList, mailboxesOf } from './queries.js';
