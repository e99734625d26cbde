/** Vite's `?raw` imports (the tests read the SLDS stylesheet as text). */
declare module '*?raw' {
  const text: string;
  export default text;
}
