import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
} from '@mui/material';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';

/** One entry of a STAGE_GATE_UNMET problem's `unmet` member. */
export interface UnmetGate {
  gate: string;
  message: string;
}

export interface GateRefusal {
  dealId: string;
  dealTitle: string;
  stageName: string;
  unmet: UnmetGate[];
}

/** Where the user goes to satisfy each gate; gates with no screen of their own open the deal. */
function remedyOf(gate: string, dealId: string): { to: string; label: string } | null {
  switch (gate) {
    case 'completed_site_visit':
      return { to: '/calendar', label: 'crm.deals.refusal.scheduleVisit' };
    case 'agreed_terms':
      return { to: `/deals/${dealId}`, label: 'crm.deals.refusal.editTerms' };
    case 'lost_reason':
      return null;
    default:
      return { to: `/deals/${dealId}/show`, label: 'crm.deals.refusal.openDeal' };
  }
}

/** The API refused a move: every requirement of the target stage still unmet, and how to meet it. */
export function GateRefusalDialog({
  refusal,
  onClose,
}: {
  refusal: GateRefusal;
  onClose: () => void;
}) {
  const translate = useTranslate();
  return (
    <Dialog open onClose={onClose} aria-labelledby="gate-refusal-title" fullWidth maxWidth="sm">
      <DialogTitle id="gate-refusal-title">
        {translate('crm.deals.refusal.title', { stage: refusal.stageName })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {translate('crm.deals.refusal.body', { title: refusal.dealTitle })}
        </DialogContentText>
        <List aria-label={translate('crm.deals.refusal.listLabel')}>
          {refusal.unmet.map(({ gate, message }) => {
            const remedy = remedyOf(gate, refusal.dealId);
            return (
              <ListItem key={gate} disableGutters>
                <Alert
                  severity="warning"
                  sx={{ width: '100%' }}
                  action={
                    remedy ? (
                      <Button component={Link} to={remedy.to} onClick={onClose} size="small">
                        {translate(remedy.label)}
                      </Button>
                    ) : undefined
                  }
                >
                  <ListItemText
                    sx={{ m: 0 }}
                    primary={translate(`crm.deals.gates.${gate}`, { _: message })}
                  />
                </Alert>
              </ListItem>
            );
          })}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained" autoFocus>
          {translate('crm.common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
