/// The drawing pad's frontend: an ES module anywidget imports in the browser (no build step).
///
/// A canvas of `side`×`side` pixels, painted in the data's colours (`paper`, `ink`) with a round
/// brush of `brush` pixels, seeded with the picture in `png` when there is one. While the learner
/// draws, the canvas is sent as a PNG (`png`, a binary value) at most every 150 ms and once when
/// the stroke ends; the kernel decodes it like an uploaded picture and classifies it. Clear
/// empties the pad (and sends it). Pointer events cover the mouse, a pen and a finger.
enum DrawingPadModule {
    static let css = """
        .cnn-pad { display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
        .cnn-pad canvas { border: 1px solid #9e9e9e; cursor: crosshair; touch-action: none; image-rendering: pixelated; }
        .cnn-pad .cnn-pad-row { display: flex; gap: 8px; align-items: center; font-size: 12px; color: #616161; }
        """

    static let esm = """
        export default {
          render({ model, el }) {
            const side = model.get("side");
            const root = document.createElement("div");
            root.className = "cnn-pad";
            const canvas = document.createElement("canvas");
            canvas.width = side;
            canvas.height = side;
            canvas.setAttribute("aria-label", "drawing pad");
            const ctx = canvas.getContext("2d");
            const paint = () => {
              ctx.fillStyle = model.get("paper");
              ctx.fillRect(0, 0, side, side);
            };
            paint();
            const seed = model.get("png");
            if (seed && seed.byteLength > 0) {
              createImageBitmap(new Blob([seed], { type: "image/png" })).then((bitmap) => {
                ctx.imageSmoothingEnabled = false;
                ctx.drawImage(bitmap, 0, 0, side, side);
              });
            }

            let timer = null;
            let sending = false;
            let again = false;
            const send = () => {
              timer = null;
              if (sending) { again = true; return; }
              sending = true;
              canvas.toBlob(async (blob) => {
                if (blob) {
                  model.set("png", new DataView(await blob.arrayBuffer()));
                  model.set("sent", model.get("sent") + 1);
                  model.save_changes();
                }
                sending = false;
                if (again) { again = false; send(); }
              }, "image/png");
            };
            const soon = () => { if (timer === null) timer = setTimeout(send, 150); };
            const now = () => { if (timer !== null) { clearTimeout(timer); } send(); };

            const at = (e) => {
              const r = canvas.getBoundingClientRect();
              return [(e.clientX - r.left) * side / r.width, (e.clientY - r.top) * side / r.height];
            };
            let last = null;
            const stroke = (from, to) => {
              ctx.strokeStyle = model.get("ink");
              ctx.lineWidth = model.get("brush");
              ctx.lineCap = "round";
              ctx.lineJoin = "round";
              ctx.beginPath();
              ctx.moveTo(from[0], from[1]);
              ctx.lineTo(to[0], to[1]);
              ctx.stroke();
            };
            canvas.addEventListener("pointerdown", (e) => {
              canvas.setPointerCapture(e.pointerId);
              last = at(e);
              stroke(last, last);
              soon();
            });
            canvas.addEventListener("pointermove", (e) => {
              if (last === null) return;
              const p = at(e);
              stroke(last, p);
              last = p;
              soon();
            });
            const end = () => { if (last !== null) { last = null; now(); } };
            canvas.addEventListener("pointerup", end);
            canvas.addEventListener("pointercancel", end);

            const row = document.createElement("div");
            row.className = "cnn-pad-row";
            const clear = document.createElement("button");
            clear.className = "jupyter-widgets jupyter-button widget-button";
            clear.textContent = "Clear";
            clear.addEventListener("click", () => { paint(); now(); });
            const hint = document.createElement("span");
            hint.textContent = model.get("hint");
            row.append(clear, hint);
            root.append(canvas, row);
            el.append(root);
            return () => { if (timer !== null) clearTimeout(timer); };
          }
        };
        """
}
