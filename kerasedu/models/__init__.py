"""Models: ``from kerasedu.models import Sequential, Model, load_model``."""
from kerasedu.models.functional import Functional
from kerasedu.models.model import Model
from kerasedu.models.sequential import Sequential
from kerasedu.saving import load_model, model_from_json
