/**
 * @jest-environment jsdom
 */
import fc from 'fast-check';
import { escapeHtml } from '../../../core/domain/escape-html';

test('escapes the five HTML-significant characters', () => {
  expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
});

test('escaped text parses back to the same text and never to an element', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const div = document.createElement('div');
      div.innerHTML = escapeHtml(s);
      return div.children.length === 0 && div.textContent === s.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
    }),
  );
});
