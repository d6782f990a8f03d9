import {html} from 'lit';
import {LightElement} from './light-element.js';

/**
 * The console's confirmation: a modal `<dialog>` (focus moves into it, Escape cancels, focus returns to the
 * button that asked). `ask()` resolves true when the operator pressed the action's button.
 */
export class ConsoleConfirm extends LightElement {
  static override properties = {_title: {state: true}, _body: {state: true}, _action: {state: true}};
  declare private _title: string;
  declare private _body: string;
  declare private _action: string;
  #resolve?: (ok: boolean) => void;

  constructor() {
    super();
    this._title = '';
    this._body = '';
    this._action = '';
  }

  async ask(o: {title: string; body: string; action: string}): Promise<boolean> {
    this.#resolve?.(false);
    this._title = o.title;
    this._body = o.body;
    this._action = o.action;
    await this.updateComplete;
    const dialog = this.querySelector('dialog')!;
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  #closed = (e: Event) => {
    const ok = (e.target as HTMLDialogElement).returnValue === 'confirm';
    this.#resolve?.(ok);
    this.#resolve = undefined;
  };

  override render() {
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-body" @close=${this.#closed}>
      <form method="dialog">
        <h2 id="confirm-title">${this._title}</h2>
        <p id="confirm-body">${this._body}</p>
        <div class="buttons">
          <button class="secondary" value="cancel" autofocus>Cancel</button>
          <button value="confirm">${this._action}</button>
        </div>
      </form>
    </dialog>`;
  }
}
