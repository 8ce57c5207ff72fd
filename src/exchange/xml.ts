// A small read-only XML tree over fast-xml-parser (order preserved: MathML arguments are
// positional), and escaping for the XML we write.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ExchangeError } from './types.ts';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** concatenated direct text content */
  text: string;
  /** the direct text nodes, in order (e.g. the two halves of <cn type="e-notation">1<sep/>-3</cn>) */
  texts: string[];
}

type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(raw: Raw): XmlNode | null {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '?xml' || name === '#comment') return null;
  const kids = (raw[name] as Raw[]) ?? [];
  const children: XmlNode[] = [];
  const texts: string[] = [];
  for (const k of kids) {
    if ('#text' in k) texts.push(String(k['#text']));
    else { const c = convert(k); if (c) children.push(c); }
  }
  // drop a namespace prefix from the element name (mathml, sbml); keep attributes as written
  return { name: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name, attrs: raw[':@'] ?? {}, children, text: texts.join(''), texts };
}

/** parses an XML document; throws ExchangeError with line and column for malformed XML, and for XML the parser refuses */
export function parseXml(text: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ExchangeError(`not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`);
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: true, parseTagValue: false, parseAttributeValue: false, processEntities: true, commentPropName: '#comment' });
  let roots: XmlNode[];
  try {
    roots = (parser.parse(text) as Raw[]).map(convert).filter((n): n is XmlNode => n !== null);
  } catch (err) {
    // the parser's own refusals (external entities, nesting beyond its limit) and a recursion
    // too deep for the stack: a document this program does not read, said as such
    throw new ExchangeError(`the XML could not be read: ${err instanceof RangeError ? 'elements nested too deeply' : err instanceof Error ? err.message : String(err)}`);
  }
  if (roots.length !== 1) throw new ExchangeError('an XML document has exactly one root element');
  return roots[0]!;
}

export const child = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
export const children = (n: XmlNode | undefined, name: string): XmlNode[] => (n ? n.children.filter((c) => c.name === name) : []);

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** canonical text of an element (attributes as parsed, empty elements self-closed): for comparing fragments */
export function serialize(n: XmlNode): string {
  const attrs = Object.entries(n.attrs).filter(([k]) => k !== 'xmlns').map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  if (n.children.length === 0 && n.text === '') return `<${n.name}${attrs}/>`;
  return `<${n.name}${attrs}>${escapeXml(n.text)}${n.children.map(serialize).join('')}</${n.name}>`;
}
