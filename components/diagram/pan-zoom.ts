/** Where the drawing sits in its viewport: `screen = content × scale + (x, y)`. */
export interface View {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;
const STEP = 1.25;
const PAN_STEP = 60;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Pan and zoom for a drawing inside a viewport, without a library: wheel zooms around the pointer,
 * dragging pans, and the keyboard (on the focused viewport) does both: `+`/`-` zoom, arrows pan,
 * `0` fits, `f` focuses the current state. The drawing is moved with a CSS transform only, so
 * nothing is laid out again.
 */
export class PanZoom {
  private view: View = { x: 0, y: 0, scale: 1 };
  private drag: { pointer: number; x: number; y: number } | null = null;
  private readonly cleanup: (() => void)[] = [];

  constructor(
    private readonly viewport: HTMLElement,
    private readonly content: HTMLElement,
    private readonly size: () => { width: number; height: number },
    private readonly onChange: (view: View) => void,
    private readonly onFocusKey: () => void = () => {},
  ) {
    const listen = <K extends keyof HTMLElementEventMap>(
      type: K,
      handler: (event: HTMLElementEventMap[K]) => void,
      options?: AddEventListenerOptions,
    ) => {
      viewport.addEventListener(type, handler, options);
      this.cleanup.push(() => viewport.removeEventListener(type, handler));
    };
    listen('wheel', (event) => this.onWheel(event), { passive: false });
    listen('pointerdown', (event) => this.onPointerDown(event));
    listen('pointermove', (event) => this.onPointerMove(event));
    listen('pointerup', (event) => this.onPointerUp(event));
    listen('pointercancel', (event) => this.onPointerUp(event));
    listen('keydown', (event) => this.onKey(event));
  }

  destroy(): void {
    for (const undo of this.cleanup) undo();
  }

  current(): View {
    return { ...this.view };
  }

  set(view: View): void {
    this.view = { ...view, scale: clamp(view.scale, MIN_SCALE, MAX_SCALE) };
    this.content.style.transform = `translate(${this.view.x}px, ${this.view.y}px) scale(${this.view.scale})`;
    this.onChange(this.current());
  }

  /** Zooms by `factor` keeping the content point under (cx, cy) (viewport pixels) in place. */
  zoomBy(factor: number, cx = this.viewport.clientWidth / 2, cy = this.viewport.clientHeight / 2): void {
    const scale = clamp(this.view.scale * factor, MIN_SCALE, MAX_SCALE);
    const k = scale / this.view.scale;
    this.set({ scale, x: cx - (cx - this.view.x) * k, y: cy - (cy - this.view.y) * k });
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
  }

  /** The whole drawing in view, centred, never enlarged past its natural size. */
  fit(padding = 12): void {
    const { width, height } = this.size();
    const w = this.viewport.clientWidth - 2 * padding;
    const h = this.viewport.clientHeight - 2 * padding;
    if (width <= 0 || height <= 0 || w <= 0 || h <= 0) return;
    const scale = clamp(Math.min(w / width, h / height, 1), MIN_SCALE, MAX_SCALE);
    this.set({
      scale,
      x: (this.viewport.clientWidth - width * scale) / 2,
      y: (this.viewport.clientHeight - height * scale) / 2,
    });
  }

  /** Centres a region of the drawing (content pixels) at `scale` (default: readable, at least 1). */
  centre(
    region: { x: number; y: number; width: number; height: number },
    scale = Math.max(this.view.scale, 1),
  ): void {
    const s = clamp(scale, MIN_SCALE, MAX_SCALE);
    this.set({
      scale: s,
      x: this.viewport.clientWidth / 2 - (region.x + region.width / 2) * s,
      y: this.viewport.clientHeight / 2 - (region.y + region.height / 2) * s,
    });
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.viewport.getBoundingClientRect();
    // Trackpads send many small deltas, mouse wheels few large ones: zoom in proportion.
    const factor = Math.exp(-clamp(event.deltaY, -100, 100) / 300);
    this.zoomBy(factor, event.clientX - rect.left, event.clientY - rect.top);
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || (event.target as Element).closest('button, a')) return;
    this.drag = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
    this.viewport.setPointerCapture?.(event.pointerId);
    this.viewport.dataset.dragging = 'true';
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    this.panBy(event.clientX - this.drag.x, event.clientY - this.drag.y);
    this.drag = { ...this.drag, x: event.clientX, y: event.clientY };
  }

  private onPointerUp(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    this.drag = null;
    delete this.viewport.dataset.dragging;
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const actions: Record<string, () => void> = {
      '+': () => this.zoomBy(STEP),
      '=': () => this.zoomBy(STEP),
      '-': () => this.zoomBy(1 / STEP),
      '0': () => this.fit(),
      f: () => this.onFocusKey(),
      ArrowLeft: () => this.panBy(PAN_STEP, 0),
      ArrowRight: () => this.panBy(-PAN_STEP, 0),
      ArrowUp: () => this.panBy(0, PAN_STEP),
      ArrowDown: () => this.panBy(0, -PAN_STEP),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }
}
