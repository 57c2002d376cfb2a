#pragma once
// Include QCustomPlot through here. Its header (2.1) uses Qt's `signals` and `foreach`
// keywords, which QT_NO_KEYWORDS (set for poolsim_ui and its users) turns off; they are
// defined to their Q_ forms for this one header only.
#include <QtGlobal>

#if defined(QT_NO_KEYWORDS) && !defined(signals)
#define signals Q_SIGNALS
#define POOLSIM_QCP_UNDEF_SIGNALS
#endif
#if defined(QT_NO_KEYWORDS) && !defined(foreach)
#define foreach Q_FOREACH
#define POOLSIM_QCP_UNDEF_FOREACH
#endif

#include <qcustomplot.h>

#ifdef POOLSIM_QCP_UNDEF_SIGNALS
#undef signals
#undef POOLSIM_QCP_UNDEF_SIGNALS
#endif
#ifdef POOLSIM_QCP_UNDEF_FOREACH
#undef foreach
#undef POOLSIM_QCP_UNDEF_FOREACH
#endif
