import SavingsIcon from '@mui/icons-material/Savings';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';

/** Support programs with their budgets, and firms' applications. */
export const programs = { icon: SavingsIcon, recordRepresentation: 'name' };
export const applications = { icon: RequestQuoteIcon };
