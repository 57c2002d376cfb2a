#pragma once
// PLACEHOLDER: being written.
