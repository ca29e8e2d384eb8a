# The learner's image: JupyterLab with the cnn kernel, the course and the decoded data, in the
# conventions of the Jupyter Docker Stacks (a non-root user `jovyan`, uid 1000, home /home/jovyan,
# port 8888) and of repo2docker/Binder (which build this file when the repository has no binder/
# folder, passing NB_USER and NB_UID). The same image serves JupyterHub's Kubernetes chart (Zero to
# JupyterHub: singleuser.image), its DockerSpawner, and `docker run -p 8888:8888`.
# Every step is a step of deploy/container/install, which the suite also runs (kernel, course).
ARG SWIFT_IMAGE=swift:6.3-bookworm

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
COPY . /src
RUN deploy/container/install build-packages build bundle /opt/bundle

FROM debian:bookworm-slim
ARG NB_USER=jovyan
ARG NB_UID=1000
ENV NB_USER=${NB_USER} NB_UID=${NB_UID} HOME=/home/${NB_USER} \
    CNN_KERNEL_DATA_CACHE=/var/cache/cnn-kernel PATH=/opt/venv/bin:${PATH}
COPY deploy/container /opt/cnn-kernel/deploy/container
COPY deploy/jupyterhub/course.py /opt/cnn-kernel/deploy/jupyterhub/course.py
COPY tools/pygments-cnn /opt/cnn-kernel/tools/pygments-cnn
COPY tools/jupyterlab-cnn /opt/cnn-kernel/tools/jupyterlab-cnn
COPY notebooks /opt/cnn-kernel/notebooks
# Only the libraries the kernel loads, gathered in the build stage (not the whole toolchain).
COPY --from=build /opt/bundle /opt/cnn-kernel/bundle
RUN export CNN_KERNEL_BIN=/opt/cnn-kernel/bundle/cnn-kernel \
 && /opt/cnn-kernel/deploy/container/install runtime-packages python /opt/venv kernel /opt/venv \
 && rm -rf /opt/cnn-kernel/bundle \
 && useradd --create-home --uid "${NB_UID}" --shell /bin/bash "${NB_USER}" \
 && /opt/cnn-kernel/deploy/container/install course "/home/${NB_USER}/cnn-course" \
 && chown -R "${NB_UID}" "/home/${NB_USER}"
USER ${NB_UID}
WORKDIR /home/${NB_USER}
EXPOSE 8888
ENTRYPOINT ["tini", "--"]
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--MultiKernelManager.default_kernel_name=cnn", "--ServerApp.default_url=/lab/tree/cnn-course/2-a-first-cnn.ipynb"]
