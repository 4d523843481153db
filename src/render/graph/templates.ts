/**
 * Graph templates (graphite-web's graphTemplates.conf): colours and font defaults a request
 * names with `template=`. graphite-web reads them from a file and, without one (as Debian's
 * package ships it), draws every template as `default`; carbyne knows `default` alone and
 * does the same for any other name.
 */
export interface GraphTemplate {
  readonly background: string;
  readonly foreground: string;
  readonly majorLine: string;
  readonly minorLine: string;
  readonly lineColors: readonly string[];
  readonly fontName: string;
  readonly fontSize: number;
  readonly fontBold: boolean;
  readonly fontItalic: boolean;
}

export const DEFAULT_TEMPLATE: GraphTemplate = {
  background: 'white',
  foreground: 'black',
  majorLine: 'rose',
  minorLine: 'grey',
  lineColors: ['blue', 'green', 'red', 'purple', 'brown', 'yellow', 'aqua', 'grey', 'magenta', 'pink', 'gold', 'rose'],
  fontName: 'Sans',
  fontSize: 10,
  fontBold: false,
  fontItalic: false,
};

export function graphTemplate(_name: string | undefined): GraphTemplate {
  return DEFAULT_TEMPLATE;
}
