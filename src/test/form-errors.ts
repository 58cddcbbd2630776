/**
 * For tests of refused forms: the error shown beside one control, as a user and a screen reader
 * meet it. The control (or its fieldset) with `id` names `${id}-error` in its aria-describedby,
 * and that error sits next to it: between the two there is no other control or label (only the
 * field's own label, legend or hint come before the error). Undefined when any of this fails.
 */
export function errorBeside(html: string, id: string): string | undefined {
  const control = new RegExp(`<(input|select|textarea|fieldset)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!control || !new RegExp(`aria-describedby="[^"]*\\b${id}-error\\b`).test(control[0])) return undefined;
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html);
  if (!error) return undefined;
  const [from, to] = error.index < control.index ? [error.index + error[0].length, control.index] : [control.index + control[0].length, error.index];
  return /<(input|select|textarea|label)\b/.test(html.slice(from, to)) ? undefined : error[1];
}
