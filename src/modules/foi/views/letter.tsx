import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { Letter } from '../letter.js';

/**
 * A reply letter on the page as on paper: title centred, body indented two characters, 落款 and
 * date on the right. Printed, it is an A4 letter with no site chrome (see .official-letter in site.css).
 */
export function LetterView({ letter }: { letter: Letter }): SafeHtml {
  return (
    <article class="official-letter" aria-label={letter.title}>
      <h2 class="letter-title">{letter.title}</h2>
      {letter.docNo ? <p class="letter-docno">{letter.docNo}</p> : null}
      {letter.salutation ? <p class="letter-salutation">{letter.salutation}</p> : null}
      {letter.paragraphs.map((p) => <p class="letter-body">{p.replace(/^[\u3000 ]+/, '')}</p>)}
      {letter.closing.length ? <div class="letter-closing">{letter.closing.map((c) => <p>{c}</p>)}</div> : null}
    </article>
  );
}
