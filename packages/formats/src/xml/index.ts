export { child, childText, head, rootName, xmlChildren, xmlTree, type XmlElement, type XmlEvent } from './read.ts';
export { attrs, escAttr, escText, num, textEl } from './write.ts';
export { parseValue, valueText } from './values.ts';
