// Defines the card's elements in the registry the frontend actually uses.
//
// The 2026 frontend swaps window.customElements for a scoped registry while it boots; a module
// evaluated before that lands in the native registry, where the frontend no longer looks
// (home-assistant/frontend#52960). A module loaded twice must not throw "already been used".

/** Define an element once, and again in the frontend's registry if it was swapped meanwhile. */
export function defineOnce(name: string, element: CustomElementConstructor): void {
  const define = (ctor: CustomElementConstructor): void => {
    if (window.customElements.get(name)) return;
    try {
      window.customElements.define(name, ctor);
    } catch (err) {
      // A constructor can be registered only once per registry; a subclass is a new one.
      if (!window.customElements.get(name)) {
        window.customElements.define(name, class extends (ctor as typeof HTMLElement) {});
      }
      void err;
    }
  };
  define(element);
  const heal = (): void => define(element);
  // The frontend defines <home-assistant> after installing its registry, on either side of a swap.
  void window.customElements.whenDefined("home-assistant").then(heal);
  window.setTimeout(heal, 5000);
}
