import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog, type ConfirmDialogData } from './confirm-dialog';

/**
 * One order for every dialog's buttons (Angular Material's and Material Design's): the dismissing
 * action first, the confirming one last, at the right edge, as the filled (primary) button.
 */
describe('ConfirmDialog', () => {
  const text = (node: Element) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();

  function open(data: ConfirmDialogData) {
    TestBed.configureTestingModule({});
    const ref = TestBed.inject(MatDialog).open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
      data,
    });
    TestBed.tick();
    const actions = document.querySelector('mat-dialog-actions');
    if (!actions) throw new Error('no dialog actions');
    const buttons = Array.from(actions.querySelectorAll('button'));
    return { ref, actions, buttons };
  }

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('puts Cancel first and the confirming button last, at the end of the row, as the primary', () => {
    const { actions, buttons } = open({
      title: 'Deactivate Dana?',
      text: 'Dana is signed out.',
      confirm: 'Deactivate',
    });
    expect(buttons.map(text)).toEqual(['Cancel', 'Deactivate']);
    expect(actions.classList).toContain('mat-mdc-dialog-actions-align-end');
    expect(buttons[1].classList).toContain('mat-mdc-unelevated-button'); // mat-flat-button
    expect(buttons[0].classList).toContain('mat-mdc-button'); // a text button
  });

  it('starts on Cancel, so a stray Enter does not confirm', () => {
    const { buttons } = open({ title: 'Remove?', text: 'It goes.', confirm: 'Remove', destructive: true });
    expect(buttons[0].hasAttribute('cdkFocusInitial')).toBe(true);
    expect(buttons[1].classList).toContain('confirm--destructive');
  });

  it('closes with true from the confirming button and false from Cancel', async () => {
    let dialog = open({ title: 'Reactivate Dana?', text: 'Dana can sign in.', confirm: 'Reactivate' });
    let closed = firstValueFrom(dialog.ref.afterClosed());
    dialog.buttons[1].click();
    await expect(closed).resolves.toBe(true);

    TestBed.resetTestingModule();
    dialog = open({ title: 'Reactivate Dana?', text: 'Dana can sign in.', confirm: 'Reactivate' });
    closed = firstValueFrom(dialog.ref.afterClosed());
    dialog.buttons[0].click();
    await expect(closed).resolves.toBe(false);
  });
});
