/**
 * The font stack of the network's canvas labels (sigma): the system UI font, then Noto CJK for
 * Chinese names (Debian's fonts-noto-cjk in CI; test/e2e/cjk-fonts.test.ts checks the glyphs render).
 */
export const LABEL_FONT_FAMILY = 'system-ui, "Noto Sans CJK SC", "Noto Sans", sans-serif';
