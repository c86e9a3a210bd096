import { ReactNode } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';

/** A confirmation that says what will happen before an operation runs. */
export const ConfirmOperationDialog = (props: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  running: boolean;
  children?: ReactNode;
  onConfirm(): void;
  onClose(): void;
}) => (
  <Dialog
    open={props.open}
    onClose={props.running ? undefined : props.onClose}
    aria-labelledby="valkey-operation-title"
    data-testid="valkey-operation-dialog"
  >
    <DialogTitle id="valkey-operation-title">{props.title}</DialogTitle>
    <DialogContent>
      <DialogContentText>{props.text}</DialogContentText>
      {props.children}
    </DialogContent>
    <DialogActions>
      <Button onClick={props.onClose} disabled={props.running}>
        Cancel
      </Button>
      <Button
        color="primary"
        variant="contained"
        onClick={props.onConfirm}
        disabled={props.running}
        startIcon={props.running ? <CircularProgress size={16} /> : undefined}
      >
        {props.confirmLabel}
      </Button>
    </DialogActions>
  </Dialog>
);
